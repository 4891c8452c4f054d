package main

func main() {
	s := make([]int, 0, 16)
	for i := 0; i < 100; i++ {
		if i%2 == 0 {
			continue
		}
		if i > 9 {
			break
		}
		s = append(s, i)
	}
	println(len(s))
}
