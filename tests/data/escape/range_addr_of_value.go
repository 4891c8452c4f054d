package main

var g *int

func main() {
	s := []int{1, 2, 3}
	for _, v := range s {
		g = &v
	}
	println(*g)
}
