package main

func main() {
	var s []int
	for i := 0; i < 5; i++ {
		s = append(s, i)
	}
	t := make([]int, 0, 10)
	t = append(t, 1, 2)
	println(len(s), len(t))
}
