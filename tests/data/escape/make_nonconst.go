package main

func fill(n int) int {
	s := make([]int, n)
	for i := 0; i < n; i++ {
		s[i] = i
	}
	return s[n-1]
}

func main() {
	println(fill(10))
}
